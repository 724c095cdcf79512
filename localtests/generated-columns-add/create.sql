-- Add a stored and a virtual generated column (and index one): the ghost
-- computes them from the copied and applied base columns.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  a int not null,
  b varchar(20),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (a, b) values (1, 'one'), (-2, null), (0, '');
insert into gh_ost_test (a, b) select seq, if(seq % 4 = 0, null, concat('b', seq)) from seq_1_to_2000;

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
  insert into gh_ost_test (a, b) values (second(now()), 'event'), (-1, null);
  update gh_ost_test set a = a * 2, b = if(b is null, 'back', null) where id in (1, 2, 3) or id % 60 = second(now());
  delete from gh_ost_test where id > 3 order by id limit 1;
  delete from gh_ost_test where id <= 2003 order by id desc limit 1;
end ;;
