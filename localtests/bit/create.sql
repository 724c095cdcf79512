-- bit(1), bit(7) and bit(64) (a full 8-byte value with the top bit set),
-- compared byte for byte.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  b1 bit(1) not null,
  b7 bit(7),
  b64 bit(64),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (b1, b7, b64) values
  (b'0', b'0', 0),
  (b'1', b'1111111', 0xffffffffffffffff),
  (b'1', b'1000000', 0x8000000000000000),
  (b'0', null, 0x0000000000000001),
  (b'1', b'0000001', null),
  (b'0', b'1010101', 0x00ff00ff00ff00ff);
insert into gh_ost_test (b1, b7, b64)
  select seq % 2, if(seq % 9 = 0, null, seq % 128), 0xffffffffffffffff - seq * 7919
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
  insert into gh_ost_test (b1, b7, b64) values
    (b'1', b'1111111', 0xffffffffffffffff),
    (b'0', null, 0x8000000000000000),
    (b'1', b'0000000', 0);
  update gh_ost_test set b1 = b1 ^ 1, b7 = b7 ^ 0x7f, b64 = b64 ^ 0xffffffffffffffff where id in (1, 2, 3, 4);
  update gh_ost_test set b64 = ~b64, b7 = if(b7 is null, b'1000001', null) where id % 60 = second(now());
  update gh_ost_test set b64 = 0x8000000000000001 order by id desc limit 1;
  delete from gh_ost_test where id > 6 order by id limit 1;
  delete from gh_ost_test where id <= 2006 order by id desc limit 1;
end ;;
