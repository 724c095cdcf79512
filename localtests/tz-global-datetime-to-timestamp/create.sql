-- datetime -> timestamp while the servers' global time_zone is +05:00
-- (before.sql; after.sql puts it back): the wall-clock datetimes are read as
-- +05:00 times, by the row copy and by the applier alike. The datetime side
-- is compared converted to UTC, the comparing session's zone (orig_columns).
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  dt datetime(3) null,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (dt) values ('2010-10-20 10:20:30.123'), ('1970-01-01 05:00:01.000'), (null), ('2038-01-19 08:14:07.999');
insert into gh_ost_test (dt) select '2001-01-01 00:00:00.001' + interval seq * 3599 second from seq_1_to_2000;

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
  insert into gh_ost_test (dt) values (now(3)), ('2010-10-20 10:20:30.5'), (null);
  update gh_ost_test set dt = if(dt is null, '2000-01-01 05:00:00.000', null) where id in (2, 3);
  update gh_ost_test set dt = dt + interval 1 second where id % 60 = second(now()) and id > 4;
  delete from gh_ost_test where id > 4 order by id limit 1;
end ;;
