-- An auto_increment key holding 0, which only NO_AUTO_VALUE_ON_ZERO lets
-- an insert write (without it, 0 means "next value"). The event deletes the
-- 0 row and writes it back with the same mode, and updates it.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  v int not null,
  note varchar(20),
  primary key (id)
) engine=innodb;

set session sql_mode = concat(@@session.sql_mode, ',NO_AUTO_VALUE_ON_ZERO');
insert into gh_ost_test (id, v, note) values (0, 23, 'zero'), (1, 1, 'one'), (2, 2, 'two');
insert into gh_ost_test (v, note) select seq, concat('n', seq) from seq_1_to_2000;

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
  update gh_ost_test set v = v + 1, note = concat('zero+', v) where id = 0;
  delete from gh_ost_test where id = 0;
  insert into gh_ost_test (id, v, note) values (0, second(now()), 'zero again');
  insert into gh_ost_test (v, note) values (7, 'event');
  update gh_ost_test set v = -v where id % 60 = second(now());
  delete from gh_ost_test where id > 2 order by id limit 1;
end ;;
