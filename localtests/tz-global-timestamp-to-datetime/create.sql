-- timestamp -> datetime while the servers' global time_zone is +05:00
-- (before.sql; after.sql puts it back): the instants become +05:00 wall
-- clock values, for copied and applied rows alike. The timestamp side is
-- compared as +05:00 wall clock (orig_columns), since the comparing session
-- runs in the restored zone (UTC).
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  ts timestamp(3) null default null,
  primary key (id)
) engine=innodb;

set session time_zone = '+00:00';
insert into gh_ost_test (ts) values ('2010-10-20 10:20:30.123'), ('1970-01-01 00:00:01.000'), (null), ('2038-01-19 03:14:07.999');
insert into gh_ost_test (ts) select '2001-01-01 00:00:00.001' + interval seq * 3599 second from seq_1_to_2000;

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
  insert into gh_ost_test (ts) values (now(3)), ('2010-10-20 10:20:30.5'), (null);
  update gh_ost_test set ts = if(ts is null, '2000-01-01 05:00:00.000', null) where id in (2, 3);
  update gh_ost_test set ts = ts + interval 1 second where id % 60 = second(now()) and id > 4;
  delete from gh_ost_test where id > 4 order by id limit 1;
end ;;
