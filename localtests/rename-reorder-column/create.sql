-- Rename a column and move it in the same ALTER (change c1 c9 ... first)
-- while another column also moves.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  c1 varchar(20) not null,
  c2 int,
  c3 datetime,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (c1, c2, c3) values ('one', 1, '2001-01-01 00:00:00'), ('', null, null);
insert into gh_ost_test (c1, c2, c3) select concat('v', seq), seq, '2010-01-01' + interval seq minute from seq_1_to_2000;

drop event if exists gh_ost_test;
delimiter ;;
create event gh_ost_test
  on schedule every 1 second
  starts current_timestamp
  ends current_timestamp + interval 60 second
  on completion not preserve
  enable
  do
begin
  insert into gh_ost_test (c1, c2, c3) values ('event', second(now()), now());
  update gh_ost_test set c1 = concat(c1, '!'), c2 = if(c2 is null, 0, null) where id in (1, 2) or id % 60 = second(now());
  delete from gh_ost_test where id > 2 order by id limit 1;
  delete from gh_ost_test where id <= 2002 order by id desc limit 1;
end ;;
