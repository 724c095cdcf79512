-- A nullable column that holds no NULLs becomes NOT NULL (and a NOT NULL one
-- becomes nullable); the event never writes NULL to the first.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  a int null,
  b varchar(20) not null,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (a, b) values (0, ''), (-1, 'x'), (2147483647, 'max');
insert into gh_ost_test (a, b) select seq, concat('b', seq) from seq_1_to_2000;

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
  insert into gh_ost_test (a, b) values (second(now()), 'event'), (0, '');
  update gh_ost_test set a = -a, b = concat(b, '.') where id in (1, 2, 3) or id % 60 = second(now());
  delete from gh_ost_test where id > 3 order by id limit 1;
  delete from gh_ost_test where id <= 2003 order by id desc limit 1;
end ;;
