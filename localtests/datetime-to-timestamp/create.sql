-- datetime(3) -> timestamp(3): values inside the timestamp range (the
-- session time zone is the server's, UTC in the sandbox), with fractions;
-- the event inserts now() and literals and moves values by a second.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  i int not null,
  dt datetime(3) null,
  dt0 datetime not null,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (i, dt, dt0) values
  (1, '1970-01-01 00:00:01.000', '1970-01-01 00:00:01'),
  (2, '2038-01-19 03:14:07.999', '2038-01-19 03:14:07'),
  (3, null, '2000-02-29 00:00:00'),
  (4, '2010-10-20 10:20:30.123', '2010-10-20 10:20:30');
insert into gh_ost_test (i, dt, dt0)
  select seq, if(seq % 9 = 0, null, '1999-01-01 00:00:00.001' + interval seq * 3600001 microsecond),
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
  insert into gh_ost_test (i, dt, dt0) values (7, now(3), now()), (11, '2010-10-20 10:20:30.5', '2038-01-19 03:14:07'), (13, null, '1970-01-01 00:00:01');
  update gh_ost_test set dt = now(3) + interval 1 minute where id in (1, 3);
  update gh_ost_test set dt = dt + interval 1 second, dt0 = if(dt0 < '2038-01-01', dt0 + interval 1 second, dt0 - interval 1 second) where id % 60 = second(now()) and id > 4;
  update gh_ost_test set dt0 = '2038-01-19 03:14:07' order by id desc limit 1;
  delete from gh_ost_test where id > 4 order by id limit 1;
  delete from gh_ost_test where id <= 2004 order by id desc limit 1;
end ;;
