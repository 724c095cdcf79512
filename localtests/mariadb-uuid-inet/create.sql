-- MariaDB's own data types as plain columns: uuid, inet6 and inet4. In the
-- row image they are fixed-size binary (uuid 16 bytes, stored with its
-- groups reordered so that time-based values sort, inet6 16, inet4 4).
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  u uuid not null,
  un uuid,
  ip6 inet6,
  ip4 inet4,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (u, un, ip6, ip4) values
  ('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '::', '0.0.0.0'),
  ('ffffffff-ffff-ffff-ffff-ffffffffffff', null, 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '255.255.255.255'),
  ('12345678-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000001', '::ffff:192.168.0.1', '10.0.0.1'),
  ('00000000-0000-0000-0000-000000000100', '01234567-89ab-4def-8123-456789abcdef', '2001:db8::1', null),
  ('a0000000-0000-1000-8000-000000000000', uuid(), null, '127.0.0.1');
insert into gh_ost_test (u, un, ip6, ip4)
  select uuid(), if(seq % 3 = 0, null, uuid()),
         concat('2001:db8::', hex(seq)), concat('10.', seq % 256, '.', seq div 256, '.1')
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
  insert into gh_ost_test (u, un, ip6, ip4) values
    (uuid(), '12345678-9abc-4def-8000-000000000000', '::1', '192.0.2.1'),
    ('ffffffff-ffff-ffff-ffff-ffffffffffff', null, null, null);
  update gh_ost_test set un = if(un is null, '00000000-0000-0000-0000-000000000000', null),
      ip6 = if(ip6 = '::', 'fe80::1', '::'), ip4 = '0.0.0.0' where id in (1, 2, 3, 4, 5) or id % 60 = second(now());
  update gh_ost_test set u = uuid() order by id desc limit 1;
  delete from gh_ost_test where id > 5 order by id limit 1;
  delete from gh_ost_test where id <= 2005 order by id desc limit 1;
end ;;
