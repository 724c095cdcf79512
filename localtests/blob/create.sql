-- tinyblob, blob, mediumblob and longblob: binary content with NUL bytes,
-- values at the tinyblob/blob limits, and rows of 70 KB and more (larger
-- than a 64 KB network/binlog buffer would hold in one piece).
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  tb tinyblob,
  b blob not null,
  mb mediumblob,
  lb longblob,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (tb, b, mb, lb) values
  (repeat(unhex('00'), 255), repeat(unhex('ff'), 65535), repeat('x', 70000), repeat('y', 300000)),
  (unhex('00ff00ff'), repeat(unhex('0001'), 1000), repeat(unhex('00'), 70000), repeat(unhex('deadbeef'), 50000)),
  ('', '', '', ''),
  (null, unhex('00'), null, null),
  (unhex('5c00275c'), 'text in a blob', repeat('x', 70000), repeat('x', 70000));
insert into gh_ost_test (tb, b, mb, lb)
  select unhex(md5(seq)), repeat(unhex(sha1(seq)), seq % 30), if(seq % 5 = 0, null, repeat(unhex('00'), seq % 100)),
         if(seq % 200 = 0, repeat('x', 70000), unhex(sha2(seq, 512)))
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
  insert into gh_ost_test (tb, b, mb, lb) values
    (unhex('ff'), repeat(unhex('00'), 65535), repeat('x', 70000), repeat('x', 70000)),
    (null, '', null, repeat(unhex('00ff'), 40000)),
    (repeat(unhex('7f'), 255), unhex(md5(rand())), repeat('m', 80000), null);
  update gh_ost_test set lb = concat(coalesce(lb, ''), unhex('00')), tb = if(tb is null, unhex('00'), null) where id in (1, 2, 3, 4);
  update gh_ost_test set mb = repeat('x', 70000) where id % 60 = second(now());
  update gh_ost_test set b = repeat(unhex('a5'), 65535) order by id desc limit 1;
  delete from gh_ost_test where id > 5 order by id limit 1;
  delete from gh_ost_test where id <= 2005 order by id desc limit 1;
end ;;
