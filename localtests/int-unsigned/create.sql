-- int unsigned: 0 and the maximum 4294967295 (whose top bit is set: a
-- decoder that reads it as signed gets a negative number), with DML from the
-- event during the migration.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  v int unsigned not null,
  vn int unsigned,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (v, vn) values
  (4294967295, 0), (0, 4294967295), (4294967295 - 1, null), (1, 4294967295 div 2 + 1), (4294967295 div 2, 4294967295 div 2);
insert into gh_ost_test (v, vn)
  select 4294967295 - (seq % 2000), if(seq % 7 = 0, null, 4294967295 div 2 + (seq % 2000))
  from seq_1_to_2000;

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
  insert into gh_ost_test (v, vn) values (4294967295, null), (0, 4294967295), (4294967295 div 2 + 1, 4294967295 - 1);
  update gh_ost_test set v = if(v = 4294967295, 0, 4294967295), vn = if(vn is null, 4294967295, null) where id in (1, 2, 3);
  update gh_ost_test set v = 4294967295 - v where id % 60 = second(now());
  update gh_ost_test set vn = 4294967295 order by id desc limit 1;
  delete from gh_ost_test where id > 5 order by id limit 1;
  delete from gh_ost_test where id <= 2005 order by id desc limit 1;
end ;;
