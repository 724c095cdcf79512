-- binary(16): values with trailing zero bytes (the server pads binary(N)
-- with 0x00, so a decoder or applier that trims them changes the value),
-- all-zero and all-0xff values, and NULL.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  b binary(16) not null,
  bn binary(16),
  b1 binary(1),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (b, bn, b1) values
  (unhex('00112233445566778899aabbccddee00'), unhex('ff000000000000000000000000000000'), 0x00),
  (unhex('00000000000000000000000000000000'), unhex('ffffffffffffffffffffffffffffffff'), 0xff),
  (unhex('ab'), null, null),
  ('', 'text   ', ' '),
  (unhex('20202020202020202020202020202020'), unhex('00000000000000000000000000000020'), 0x20),
  (unhex('0a0d09005c27220000'), unhex('5c'), 0x5c);
insert into gh_ost_test (b, bn, b1)
  select unhex(concat(lpad(hex(seq), 8, '0'), '00000000')), if(seq % 3 = 0, null, unhex(md5(seq))), char(seq % 256)
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
  insert into gh_ost_test (b, bn, b1) values
    (unhex('ff00'), unhex('00000000000000000000000000000000'), 0x00),
    (unhex(md5(rand())), null, ''),
    (unhex('000000000000000000000000000000ff'), unhex('0100'), 0x01);
  update gh_ost_test set b = unhex('00'), bn = if(bn is null, unhex('aa00'), null) where id in (1, 2, 3);
  update gh_ost_test set b = unhex(concat(hex(id), '00')) where id % 60 = second(now());
  update gh_ost_test set bn = unhex('77000000000000000000000000000000') order by id desc limit 1;
  delete from gh_ost_test where id > 6 order by id limit 1;
  delete from gh_ost_test where id <= 2006 order by id desc limit 1;
end ;;
