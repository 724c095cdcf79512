-- timestamp(6), timestamp(3) and an auto-updated timestamp: the range ends
-- (1970-01-01 00:00:01 and 2038-01-19 03:14:07.999999 UTC), fractions, NULL.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  ts6 timestamp(6) null default null,
  ts3 timestamp(3) null default null,
  tsu timestamp not null default current_timestamp on update current_timestamp,
  primary key (id)
) engine=innodb;

set session time_zone = '+00:00';
insert into gh_ost_test (ts6, ts3, tsu) values
  ('1970-01-01 00:00:01.000000', '2038-01-19 03:14:07.999', '1970-01-01 00:00:01'),
  ('2038-01-19 03:14:07.999999', '1970-01-01 00:00:01.000', '2038-01-19 03:14:07'),
  ('1970-01-01 00:00:01.000001', null, '2000-01-01 00:00:00'),
  (null, '2024-02-29 12:34:56.789', '2024-02-29 12:34:56'),
  ('2001-09-09 01:46:40.5', '2001-09-09 01:46:40.5', '2001-09-09 01:46:40');
insert into gh_ost_test (ts6, ts3, tsu)
  select '1990-01-01 00:00:00.000001' + interval seq * 86399999999 microsecond,
         if(seq % 6 = 0, null, '2000-01-01 00:00:00.001' + interval seq * 3601001 microsecond),
         '2010-01-01 00:00:00' + interval seq minute
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
  insert into gh_ost_test (ts6, ts3) values
    (now(6), now(3)),
    ('2038-01-19 03:14:07.999999', null),
    (null, '1970-01-01 00:00:01.001');
  update gh_ost_test set ts6 = if(ts6 is null, now(6), null) where id in (1, 3, 4);
  update gh_ost_test set ts3 = now(3) where id % 60 = second(now());
  update gh_ost_test set ts6 = ts6 - interval 1 microsecond order by id desc limit 1;
  delete from gh_ost_test where id > 5 order by id limit 1;
  delete from gh_ost_test where id <= 2005 order by id desc limit 1;
end ;;
