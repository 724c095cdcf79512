-- A MariaDB inet6 column as the primary key, with IPv4-mapped, all-zero
-- and all-ones addresses; the event inserts, updates and deletes.
drop table if exists gh_ost_test;
create table gh_ost_test (
  addr inet6 not null,
  n int not null,
  val varchar(20),
  primary key (addr)
) engine=innodb;

insert into gh_ost_test values ('::', -1, 'zero'), ('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', -2, 'ones'),
  ('::ffff:10.0.0.1', -3, null), ('2001:db8::', -4, 'trailing zeros');
insert into gh_ost_test (addr, n, val) select concat('2001:db8:', hex(seq), '::1'), seq, concat('v', seq) from seq_1_to_2000;

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
  insert into gh_ost_test (addr, n, val) values (concat('fe80::', hex(unix_timestamp() >> 16), ':', hex(unix_timestamp() & 65535)), 100000, 'event');
  update gh_ost_test set val = if(val is null, 'back', null) where n < 0 or n % 60 = second(now());
  delete from gh_ost_test where n > 0 and n <= 2000 and n % 60 = (second(now()) + 30) % 60 order by addr limit 1;
end ;;
