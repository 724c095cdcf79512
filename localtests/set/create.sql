-- set: the empty set, single and multiple members, all members, NULL, and a
-- set of 64 members (8 bytes in the row image, the top bit included).
drop table if exists gh_ost_test;
set @members = (select group_concat(concat('''s', seq, '''') order by seq) from seq_1_to_64);
set @ddl = concat('create table gh_ost_test (
  id int not null auto_increment,
  s set(''red'', ''green'', ''blue'', ''dark grey'') not null,
  sn set(''a'', ''b'', ''c''),
  s64 set(', @members, ') not null default '''',
  primary key (id)
) engine=innodb');
prepare st from @ddl;
execute st;
deallocate prepare st;

insert into gh_ost_test (s, sn, s64) values
  ('', null, ''),
  ('red,green,blue,dark grey', 'a,b,c', (select group_concat(concat('s', seq)) from seq_1_to_64)),
  ('blue', '', 's64'),
  ('green,dark grey', 'b', 's1,s63,s64'),
  ('red', null, 's32,s33');
insert into gh_ost_test (s, sn, s64)
  select seq % 16, if(seq % 5 = 0, null, seq % 8), (seq * 2654435761) % 18446744073709551615
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
  insert into gh_ost_test (s, sn, s64) values ('red,blue', null, 's64'), ('', 'a,c', ''), ('dark grey', '', 's1,s2,s64');
  update gh_ost_test set s = if(s = '', 'red,green,blue,dark grey', ''), sn = if(sn is null, 'c', null), s64 = if(s64 = '', 's64', '') where id in (1, 2, 3);
  update gh_ost_test set s64 = (s64 + 0) ^ 9223372036854775808, s = (s + 0) ^ 15 where id % 60 = second(now());
  update gh_ost_test set sn = 'a,b,c' order by id desc limit 1;
  delete from gh_ost_test where id > 5 order by id limit 1;
  delete from gh_ost_test where id <= 2005 order by id desc limit 1;
end ;;
