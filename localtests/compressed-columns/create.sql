-- MariaDB compressed columns (blob/text/varchar ... compressed): their row
-- images use the compressed column types, so the applier has to decompress
-- them (or fail loudly), not copy compressed bytes.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  vc varchar(1000) compressed,
  tc text compressed,
  bc mediumblob compressed,
  plain varchar(20),
  primary key (id)
) engine=innodb default charset=utf8mb4;

insert into gh_ost_test (vc, tc, bc, plain) values
  (repeat('compressible ', 70), repeat('é', 10000), repeat(unhex('00'), 20000), 'a'),
  ('', '', '', ''),
  (null, null, null, null),
  ('x', 'y', unhex('ff'), 'short'),
  (repeat('🚀', 250), repeat('abc', 5000), repeat('x', 70000), 'big');
insert into gh_ost_test (vc, tc, bc, plain)
  select repeat(concat('v', seq), seq % 50), if(seq % 4 = 0, null, repeat('t', seq * 3)), repeat(unhex(md5(seq)), seq % 40), concat('p', seq)
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
  insert into gh_ost_test (vc, tc, bc, plain) values (repeat('z', 1000), repeat('ü', 20000), repeat('x', 70000), 'event'), (null, '', null, null);
  update gh_ost_test set vc = concat(coalesce(vc, ''), 'more'), tc = if(tc is null, repeat('back', 100), null) where id in (1, 2, 3, 4) or id % 60 = second(now());
  update gh_ost_test set bc = repeat(unhex('a5'), 5000) order by id desc limit 1;
  delete from gh_ost_test where id > 5 order by id limit 1;
  delete from gh_ost_test where id <= 2005 order by id desc limit 1;
end ;;
