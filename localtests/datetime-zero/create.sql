-- Zero dates and dates with a zero month or day, which a sql_mode without
-- NO_ZERO_DATE and NO_ZERO_IN_DATE (this case's sql_mode file) accepts,
-- in datetime(6), datetime and date columns.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  dt6 datetime(6) not null default '0000-00-00 00:00:00.000000',
  dt datetime,
  d date,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (dt6, dt, d) values
  ('0000-00-00 00:00:00.000000', '0000-00-00 00:00:00', '0000-00-00'),
  ('2020-00-15 10:20:30.123456', '2020-05-00 00:00:00', '2020-00-00'),
  ('0000-01-01 00:00:00.000001', null, '0000-12-31'),
  ('2024-02-29 23:59:59.999999', '0000-00-00 00:00:01', null),
  ('1999-00-00 12:00:00.5', '9999-12-31 23:59:59', '2010-07-00');
insert into gh_ost_test (dt6, dt, d)
  select if(seq % 3 = 0, '0000-00-00 00:00:00', '2001-01-01 00:00:00.000001' + interval seq hour),
         if(seq % 4 = 0, '0000-00-00 00:00:00', if(seq % 5 = 0, null, '2001-02-03 04:05:06' + interval seq minute)),
         if(seq % 2 = 0, '0000-00-00', concat('2001-', lpad(seq % 13, 2, '0'), '-00'))
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
  insert into gh_ost_test (dt6, dt, d) values
    ('0000-00-00 00:00:00.000000', '0000-00-00 00:00:00', '0000-00-00'),
    (now(6), '2021-00-00 00:00:00', '2021-03-00'),
    (default, null, null);
  update gh_ost_test set dt6 = if(dt6 = '0000-00-00 00:00:00', '2022-00-01 01:02:03.000004', '0000-00-00 00:00:00'),
    d = if(d = '0000-00-00', '1999-00-31', '0000-00-00') where id in (1, 2, 3);
  update gh_ost_test set dt = if(dt is null, '0000-00-00 00:00:00', null) where id % 60 = second(now());
  update gh_ost_test set d = '0000-00-00', dt6 = '0000-00-00 00:00:00' order by id desc limit 1;
  delete from gh_ost_test where id > 5 order by id limit 1;
  delete from gh_ost_test where id <= 2005 order by id desc limit 1;
end ;;
