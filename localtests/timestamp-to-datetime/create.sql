-- timestamp(6) -> datetime(6): the row image carries seconds since the
-- epoch, the new column wants a wall-clock value in the session time zone.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  i int not null,
  ts timestamp(6) null default null,
  ts0 timestamp not null default current_timestamp,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (i, ts, ts0) values
  (1, '1970-01-01 00:00:01.000000', '1970-01-01 00:00:01'),
  (2, '2038-01-19 03:14:07.999999', '2038-01-19 03:14:07'),
  (3, null, '2000-02-29 00:00:00'),
  (4, '2010-10-20 10:20:30.000001', '2010-10-20 10:20:30');
insert into gh_ost_test (i, ts, ts0)
  select seq, if(seq % 9 = 0, null, '1999-01-01 00:00:00.000001' + interval seq * 3600001 microsecond),
         '2005-05-05 05:05:05' + interval seq day
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
  insert into gh_ost_test (i, ts, ts0) values (7, now(6), default), (11, '2038-01-19 03:14:07.999999', now()), (13, null, '1970-01-01 00:00:01');
  update gh_ost_test set ts = now(6) + interval 1 minute where id in (1, 3);
  update gh_ost_test set ts = ts + interval 1 second, ts0 = ts0 - interval 1 second where id % 60 = second(now()) and id > 4;
  update gh_ost_test set ts = '1970-01-01 00:00:01.5' order by id desc limit 1;
  delete from gh_ost_test where id > 4 order by id limit 1;
  delete from gh_ost_test where id <= 2004 order by id desc limit 1;
end ;;
