-- Timestamps written by sessions in different time zones (the event sets
-- its session time_zone between statements): the row image carries UTC
-- seconds whatever the writer's zone, and the ghost must hold the same
-- instants.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  zone varchar(10) not null,
  ts timestamp(3) null default null,
  ts_lit timestamp null default null,
  dt datetime null,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (zone, ts, ts_lit, dt) values ('seed', '2010-10-20 10:20:30.123', '2000-01-01 00:00:00', '2000-01-01 00:00:00');
insert into gh_ost_test (zone, ts, ts_lit, dt)
  select 'filler', '2001-01-01 00:00:00.001' + interval seq hour, '2020-03-29 01:30:00' + interval seq minute, '2020-03-29 01:30:00'
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
  insert into gh_ost_test (zone, ts, ts_lit, dt) values ('default', now(3), '2010-10-20 10:20:30', now());
  set session time_zone = '+00:00';
  insert into gh_ost_test (zone, ts, ts_lit, dt) values ('+00:00', now(3), '2010-10-20 10:20:30', now());
  update gh_ost_test set ts = now(3) + interval 10 minute where zone = '+00:00' order by id desc limit 1;
  set session time_zone = '-03:00';
  insert into gh_ost_test (zone, ts, ts_lit, dt) values ('-03:00', now(3), '2010-10-20 10:20:30', now());
  update gh_ost_test set ts_lit = '1999-12-31 23:30:00' where id % 60 = second(now());
  set session time_zone = '+05:30';
  insert into gh_ost_test (zone, ts, ts_lit, dt) values ('+05:30', now(3), '1970-01-01 05:30:01', now());
  update gh_ost_test set ts = '2038-01-19 08:44:07.999' where zone = '+05:30' order by id desc limit 1;
  set session time_zone = '+13:00';
  update gh_ost_test set ts = now(3), ts_lit = '2000-01-01 00:00:00' where id = 1;
  delete from gh_ost_test where id > 1 order by id limit 1;
end ;;
