-- char(N) in multi-byte character sets whose byte length crosses 255: the
-- row image has a 1-byte length up to 255 bytes and 2 bytes above, for
-- char as for varchar. utf8mb4 char(63) is 252 bytes, char(64) 256 bytes,
-- char(255) 1020 bytes; utf8mb3 char(86) is 258 bytes.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  c63 char(63) character set utf8mb4 not null,
  c64 char(64) character set utf8mb4,
  c255 char(255) character set utf8mb4,
  c86 char(86) character set utf8mb3,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (c63, c64, c255, c86) values
  (repeat('😀', 63), repeat('😀', 64), repeat('😀', 255), repeat('€', 86)),
  ('', '', '', ''),
  ('a', 'b', 'c', 'd'),
  (repeat('x', 63), repeat('é', 64), concat(repeat('🚀', 200), repeat(' ', 55)), null),
  ('  lead', null, null, 'ünï');
insert into gh_ost_test (c63, c64, c255, c86)
  select repeat('ß', seq % 64), if(seq % 5 = 0, null, repeat('🦄', seq % 65)), repeat('€', seq % 256), repeat('ö', seq % 87)
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
  insert into gh_ost_test (c63, c64, c255, c86) values
    (repeat('🐬', 63), repeat('🐬', 64), repeat('🐬', 255), repeat('ж', 86)),
    ('', null, '', null),
    (repeat('a', 63), repeat('b', 64), repeat('c', 255), repeat('d', 86));
  update gh_ost_test set c64 = if(c64 is null, repeat('🎉', 64), null), c255 = reverse(c255) where id in (1, 2, 3, 4) or id % 60 = second(now());
  update gh_ost_test set c86 = repeat('ё', 86) order by id desc limit 1;
  delete from gh_ost_test where id > 5 order by id limit 1;
  delete from gh_ost_test where id <= 2005 order by id desc limit 1;
end ;;
