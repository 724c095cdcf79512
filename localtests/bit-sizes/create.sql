-- bit columns of widths that are not whole bytes (bit(9), bit(17),
-- bit(33), bit(63)): the row image stores whole bytes plus leftover bits.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  b9 bit(9) not null,
  b17 bit(17),
  b33 bit(33),
  b63 bit(63),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (b9, b17, b33, b63) values
  (b'111111111', b'11111111111111111', 0x1ffffffff, 0x7fffffffffffffff),
  (b'100000000', b'10000000000000000', 0x100000000, 0x4000000000000000),
  (0, 0, 0, 0),
  (1, 1, 1, 1),
  (b'011111111', null, 0x0ffffffff, null);
insert into gh_ost_test (b9, b17, b33, b63)
  select seq % 512, if(seq % 4 = 0, null, seq * 65 % 131072), seq * 4294967 % 8589934592, seq * 4611686018427387 % 9223372036854775807
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
  insert into gh_ost_test (b9, b17, b33, b63) values
    (b'111111111', null, 0x1ffffffff, 0x7fffffffffffffff),
    (b'100000001', b'10000000000000001', 0x100000001, null);
  update gh_ost_test set b9 = b9 ^ 511, b17 = b17 ^ 131071, b33 = b33 ^ 0x1ffffffff, b63 = b63 ^ 0x7fffffffffffffff where id <= 5 or id % 60 = second(now());
  update gh_ost_test set b17 = if(b17 is null, 65536, null) order by id desc limit 1;
  delete from gh_ost_test where id > 5 order by id limit 1;
  delete from gh_ost_test where id <= 2005 order by id desc limit 1;
end ;;
