-- time: the range ends -838:59:59 and 838:59:59, negative values with and
-- without fractions (-00:00:00.000001 is the tricky one), time(6), time(3)
-- and time(0).
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  t0 time not null,
  t3 time(3),
  t6 time(6),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (t0, t3, t6) values
  ('-838:59:59', '-838:59:59.000', '-838:59:59.000000'),
  ('838:59:59', '838:59:59.000', '838:59:59.000000'),
  ('00:00:00', '-00:00:00.001', '-00:00:00.000001'),
  ('-00:00:01', '00:00:00.001', '00:00:00.000001'),
  ('12:34:56', '-12:34:56.789', '-12:34:56.789012'),
  ('-01:00:00', '23:59:59.999', '-23:59:59.999999'),
  ('100:00:00', null, '-100:00:00.5'),
  ('-00:00:00', '-00:00:00.5', null);
insert into gh_ost_test (t0, t3, t6)
  select sec_to_time(cast(seq as signed) * 1500 - 1500000),
         if(seq % 5 = 0, null, sec_to_time((cast(seq as signed) - 1000) * 1.001)),
         sec_to_time((cast(seq as signed) - 1000) * 123.000017)
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
  insert into gh_ost_test (t0, t3, t6) values
    ('-838:59:59', '-00:00:00.001', '-00:00:00.000001'),
    ('838:59:59', null, '838:59:59.000000'),
    (curtime(), '-12:00:00.5', '-00:00:01.000001');
  update gh_ost_test set t0 = sec_to_time(-time_to_sec(t0)), t3 = sec_to_time(-time_to_sec(t3)), t6 = sec_to_time(-time_to_sec(t6)) where id in (1, 3, 5, 6, 7);
  update gh_ost_test set t6 = sec_to_time(-time_to_sec(t6)), t3 = if(t3 is null, '-00:00:00.999', null) where id % 60 = second(now());
  update gh_ost_test set t6 = '-838:59:59' order by id desc limit 1;
  delete from gh_ost_test where id > 8 order by id limit 1;
  delete from gh_ost_test where id <= 2008 order by id desc limit 1;
end ;;
