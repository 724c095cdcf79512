-- bit -> integer: bit(8) to tinyint unsigned and bit(64) to bigint
-- unsigned; the copy converts the bits to their numeric value, and so must
-- the applier.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  b8 bit(8) not null,
  b64 bit(64),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (b8, b64) values (0, 0), (255, 0xffffffffffffffff), (b'10000000', 0x8000000000000000), (1, null), (32, 0x20);
insert into gh_ost_test (b8, b64) select seq % 256, if(seq % 7 = 0, null, seq * 9223372036854775 % 18446744073709551615) from seq_1_to_2000;

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
  insert into gh_ost_test (b8, b64) values (255, 0xffffffffffffffff), (0, null), (b'01111111', 0x7fffffffffffffff);
  update gh_ost_test set b8 = b8 ^ 255, b64 = if(b64 is null, cast(0x8000000000000001 as unsigned), b64 ^ 0xffffffffffffffff) where id in (1, 2, 3, 4) or id % 60 = second(now());
  delete from gh_ost_test where id > 5 order by id limit 1;
  delete from gh_ost_test where id <= 2005 order by id desc limit 1;
end ;;
