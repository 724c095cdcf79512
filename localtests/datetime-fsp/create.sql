-- Fractional precisions 1, 2, 4 and 5 (the row image stores 1, 1, 2 and 3
-- bytes of fraction for them) for time, datetime and timestamp, with
-- negative times whose fraction borrows from the seconds.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  t1 time(1) not null,
  t2 time(2),
  t4 time(4),
  t5 time(5),
  dt1 datetime(1),
  dt2 datetime(2),
  dt4 datetime(4),
  dt5 datetime(5),
  ts1 timestamp(1) null default null,
  ts2 timestamp(2) null default null,
  ts4 timestamp(4) null default null,
  ts5 timestamp(5) null default null,
  primary key (id)
) engine=innodb;

insert into gh_ost_test values
  (null, '-838:59:58.9', '-838:59:58.99', '-838:59:58.9999', '-838:59:58.99999',
   '1000-01-01 00:00:00.1', '1000-01-01 00:00:00.01', '1000-01-01 00:00:00.0001', '1000-01-01 00:00:00.00001',
   '1970-01-01 00:00:01.1', '1970-01-01 00:00:01.01', '1970-01-01 00:00:01.0001', '1970-01-01 00:00:01.00001'),
  (null, '838:59:58.9', '838:59:58.99', '838:59:58.9999', '838:59:58.99999',
   '9999-12-31 23:59:59.9', '9999-12-31 23:59:59.99', '9999-12-31 23:59:59.9999', '9999-12-31 23:59:59.99999',
   '2038-01-19 03:14:07.9', '2038-01-19 03:14:07.99', '2038-01-19 03:14:07.9999', '2038-01-19 03:14:07.99999'),
  (null, '-00:00:00.1', '-00:00:00.01', '-00:00:00.0001', '-00:00:00.00001',
   '2000-01-01 00:00:00.0', null, '2000-01-01 00:00:00.5', '2000-01-01 00:00:00.50001',
   null, '2000-01-01 00:00:00.5', '2000-01-01 00:00:00.0005', '2000-01-01 00:00:00.00005'),
  (null, '-00:00:01.5', '-01:00:00.5', '-00:00:59.9995', '-12:34:56.78901',
   null, null, null, null, null, null, null, null),
  (null, '00:00:00.0', null, null, null, '2024-02-29 12:00:00.5', '2024-02-29 12:00:00.25', '2024-02-29 12:00:00.1234', '2024-02-29 12:00:00.12345',
   '2024-02-29 12:00:00.5', '2024-02-29 12:00:00.25', '2024-02-29 12:00:00.1234', '2024-02-29 12:00:00.12345');
insert into gh_ost_test (t1, t2, t4, t5, dt1, dt2, dt4, dt5, ts1, ts2, ts4, ts5)
  select sec_to_time((cast(seq as signed) - 1000) * 10.1), sec_to_time((cast(seq as signed) - 1000) * 1.01),
         sec_to_time((cast(seq as signed) - 1000) * 0.0001), sec_to_time((cast(seq as signed) - 1000) * 33.00001),
         '2000-01-01' + interval seq * 100000 microsecond, '2000-01-01' + interval seq * 10000 microsecond,
         '2000-01-01' + interval seq * 100 microsecond, '2000-01-01' + interval seq * 10 microsecond,
         '2000-01-01' + interval seq * 1100000 microsecond, '2000-01-01' + interval seq * 1010000 microsecond,
         '2000-01-01' + interval seq * 1000100 microsecond, '2000-01-01' + interval seq * 1000010 microsecond
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
  insert into gh_ost_test (t1, t2, t4, t5, dt1, dt2, dt4, dt5, ts1, ts2, ts4, ts5) values
    ('-00:00:00.1', '-00:00:00.01', '-00:00:00.0001', '-00:00:00.00001', now(1), now(2), now(4), now(5), now(1), now(2), now(4), now(5)),
    ('-838:59:58.9', '838:59:58.99', '-1:00:00.0001', '-00:00:00.99999', null, '9999-12-31 23:59:59.99', null, '1000-01-01 00:00:00.00001',
     '1970-01-01 00:00:01.1', null, '2038-01-19 03:14:07.9999', null);
  update gh_ost_test set t1 = sec_to_time(-time_to_sec(t1)), t2 = sec_to_time(-time_to_sec(t2)), t4 = sec_to_time(-time_to_sec(t4)),
      t5 = sec_to_time(-time_to_sec(t5)) where id <= 5 or id % 60 = second(now());
  update gh_ost_test set dt5 = now(5), ts5 = now(5), dt1 = now(1), ts1 = now(1), ts4 = if(ts4 is null, now(4), null) where id in (3, 4) or id % 60 = (second(now()) + 7) % 60;
  delete from gh_ost_test where id > 5 order by id limit 1;
  delete from gh_ost_test where id <= 2005 order by id desc limit 1;
end ;;
