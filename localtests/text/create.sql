-- tinytext, text, mediumtext and longtext (length prefixes of 1 to 4
-- bytes): values at and near each type's byte limit, multi-byte
-- characters, empty and NULL.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  tt tinytext,
  t text not null,
  mt mediumtext,
  lt longtext,
  primary key (id)
) engine=innodb default charset=utf8mb4;

insert into gh_ost_test (tt, t, mt, lt) values
  (repeat('a', 255), repeat('b', 65535), repeat('c', 70000), repeat('d', 200000)),
  (repeat('é', 127), repeat('€', 21845), repeat('😀', 20000), repeat('𝄞', 50000)),
  ('', '', '', ''),
  (null, 'not null', null, null),
  ('line\nbreak\ttab\\', 'quote''s "double"', 'nul\0byte', concat('x', repeat(' ', 1000)));
insert into gh_ost_test (tt, t, mt, lt)
  select concat('tiny ', seq), repeat('txt ', seq % 50), if(seq % 4 = 0, null, repeat('ü', seq % 300)), repeat('longtext ', seq % 20)
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
  insert into gh_ost_test (tt, t, mt, lt) values
    (repeat('z', 255), repeat('y', 65535), repeat('x', 70001), repeat('w', 100000)),
    (null, '', null, ''),
    ('🦄', repeat('ö', 1000), repeat('🦄', 17000), null);
  update gh_ost_test set t = reverse(t), lt = if(lt is null, 'back', null) where id in (1, 2, 3, 4);
  update gh_ost_test set mt = concat(coalesce(mt, ''), '+') where id % 60 = second(now()) and id > 2;
  update gh_ost_test set tt = repeat('q', 255) order by id desc limit 1;
  delete from gh_ost_test where id > 5 order by id limit 1;
  delete from gh_ost_test where id <= 2005 order by id desc limit 1;
end ;;
