-- varbinary: arbitrary bytes including NUL and trailing zeros (kept, not
-- padded), a value longer than 255 bytes (a 2-byte length in the row
-- image), the empty value and NULL.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  vb varbinary(300) not null,
  vs varbinary(16),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (vb, vs) values
  (unhex('000102030405060708090a0b0c0d0e0f00'), unhex('00')),
  ('', ''),
  (repeat(unhex('ff00'), 150), null),
  (unhex('e29883000000'), unhex('0000000000000000')),
  (repeat('x', 256), unhex('5c275c22')),
  ('plain text', 'trailing  ');
insert into gh_ost_test (vb, vs)
  select repeat(unhex(md5(seq)), 1 + seq % 18), if(seq % 5 = 0, null, unhex(concat(hex(seq), '0000')))
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
  insert into gh_ost_test (vb, vs) values
    (repeat(unhex('00'), 300), unhex('ff')),
    (unhex('000000'), null),
    (unhex(sha2(rand(), 256)), '');
  update gh_ost_test set vb = concat(vb, unhex('00')), vs = if(vs is null, unhex('0100'), null) where id in (1, 2, 4);
  update gh_ost_test set vb = reverse(vb) where id % 60 = second(now());
  update gh_ost_test set vs = unhex('00000000') order by id desc limit 1;
  delete from gh_ost_test where id > 6 order by id limit 1;
  delete from gh_ost_test where id <= 2006 order by id desc limit 1;
end ;;
