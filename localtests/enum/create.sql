-- enum: members whose order differs from their alphabetical order, the
-- empty-string error value (index 0), NULL, and an enum of 300 members,
-- which the server stores in 2 bytes instead of 1.
drop table if exists gh_ost_test;
set @members = (select group_concat(concat('''m', seq, '''') order by seq) from seq_1_to_300);
set @ddl = concat('create table gh_ost_test (
  id int not null auto_increment,
  e enum(''zulu'', ''alpha'', ''mike'', ''x y'', ''día'') not null,
  en enum(''one'', ''two'', ''three''),
  e300 enum(', @members, ') not null default ''m1'',
  primary key (id)
) engine=innodb default charset=utf8mb4');
prepare st from @ddl;
execute st;
deallocate prepare st;

insert into gh_ost_test (e, en, e300) values
  ('zulu', 'one', 'm1'), ('alpha', 'three', 'm300'), ('día', null, 'm256'),
  ('x y', 'two', 'm255'), ('mike', null, 'm257');
-- index 0 (the '' error value) is only reachable by a non-strict insert
set session sql_mode = '';
insert into gh_ost_test (e, en, e300) values ('not a member', 'four', 'nope');
set session sql_mode = default;
insert into gh_ost_test (e, en, e300)
  select 1 + seq % 5, if(seq % 4 = 0, null, 1 + seq % 3), 1 + seq % 300
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
  insert into gh_ost_test (e, en, e300) values ('día', null, 'm300'), ('zulu', 'three', 'm1'), ('x y', 'one', 'm299');
  update gh_ost_test set e = if(e = 'zulu', 'alpha', 'zulu'), en = if(en is null, 'two', null), e300 = if(e300 = 'm300', 'm2', 'm300') where id in (1, 2, 3, 4);
  update gh_ost_test set e300 = concat('m', 301 - (e300 + 0)) where id % 60 = second(now()) and e300 + 0 > 0;
  update gh_ost_test set e = 'mike' order by id desc limit 1;
  delete from gh_ost_test where id > 6 order by id limit 1;
  delete from gh_ost_test where id <= 2006 order by id desc limit 1;
end ;;
