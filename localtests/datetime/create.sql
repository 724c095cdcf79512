-- datetime with fractional seconds: datetime(6), datetime(3), datetime(0),
-- the range ends, one microsecond, and values before the epoch.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  dt0 datetime not null,
  dt3 datetime(3),
  dt6 datetime(6),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (dt0, dt3, dt6) values
  ('1000-01-01 00:00:00', '1000-01-01 00:00:00.000', '1000-01-01 00:00:00.000000'),
  ('9999-12-31 23:59:59', '9999-12-31 23:59:59.999', '9999-12-31 23:59:59.999999'),
  ('1970-01-01 00:00:00', '1970-01-01 00:00:00.001', '1970-01-01 00:00:00.000001'),
  ('1969-12-31 23:59:59', '1969-12-31 23:59:59.5', '1969-12-31 23:59:59.500000'),
  ('2024-02-29 12:00:00', null, '2024-02-29 12:00:00.012345'),
  ('2038-01-19 03:14:08', '2038-01-19 03:14:08.100', null);
insert into gh_ost_test (dt0, dt3, dt6)
  select '2000-01-01 00:00:00' + interval seq * 3607 second,
         if(seq % 5 = 0, null, '1999-12-31 23:59:59.999' - interval seq * 1001 microsecond),
         '1950-06-15 08:00:00.000001' + interval seq * 86400000123 microsecond
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
  insert into gh_ost_test (dt0, dt3, dt6) values
    ('9999-12-31 23:59:59', now(3), now(6)),
    ('1000-01-01 00:00:00', null, '1000-01-01 00:00:00.000001'),
    (now(), '1969-12-31 23:59:59.999', '9999-12-31 23:59:59.999999');
  update gh_ost_test set dt6 = if(dt6 is null, '2000-01-01 00:00:00.000001', null), dt3 = now(3) where id in (1, 5, 6);
  update gh_ost_test set dt6 = dt6 + interval 1 microsecond, dt0 = dt0 - interval 1 second where id % 60 = second(now()) and dt6 < '9000-01-01' and dt0 > '1001-01-01';
  update gh_ost_test set dt3 = '9999-12-31 23:59:59.999' order by id desc limit 1;
  delete from gh_ost_test where id > 6 order by id limit 1;
  delete from gh_ost_test where id <= 2006 order by id desc limit 1;
end ;;
