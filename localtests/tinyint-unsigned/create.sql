-- tinyint unsigned: 0 and the maximum 255 (whose top bit is set: a
-- decoder that reads it as signed gets a negative number), with DML from the
-- event during the migration.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  v tinyint unsigned not null,
  vn tinyint unsigned,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (v, vn) values
  (255, 0), (0, 255), (255 - 1, null), (1, 255 div 2 + 1), (255 div 2, 255 div 2);
insert into gh_ost_test (v, vn)
  select 255 - (seq % 100), if(seq % 7 = 0, null, 255 div 2 + (seq % 100))
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
  insert into gh_ost_test (v, vn) values (255, null), (0, 255), (255 div 2 + 1, 255 - 1);
  update gh_ost_test set v = if(v = 255, 0, 255), vn = if(vn is null, 255, null) where id in (1, 2, 3);
  update gh_ost_test set v = 255 - v where id % 60 = second(now());
  update gh_ost_test set vn = 255 order by id desc limit 1;
  delete from gh_ost_test where id > 5 order by id limit 1;
  delete from gh_ost_test where id <= 2005 order by id desc limit 1;
end ;;
