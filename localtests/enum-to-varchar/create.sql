-- enum -> varchar: the row image carries the member's index; the ghost
-- column needs the member's text.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  e enum('zulu', 'alpha', 'mike', 'x y', 'día') not null,
  en enum('one', 'two', 'three') null,
  primary key (id)
) engine=innodb default charset=utf8mb4;

insert into gh_ost_test (e, en) values ('zulu', 'one'), ('alpha', null), ('día', 'three'), ('x y', 'two');
insert into gh_ost_test (e, en) select 1 + seq % 5, if(seq % 4 = 0, null, 1 + seq % 3) from seq_1_to_2000;

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
  insert into gh_ost_test (e, en) values ('día', null), ('mike', 'three'), ('zulu', 'two');
  update gh_ost_test set e = if(e = 'zulu', 'x y', 'zulu'), en = if(en is null, 'one', null) where id in (1, 2, 3);
  update gh_ost_test set e = 1 + (e + 0) % 5 where id % 60 = second(now());
  update gh_ost_test set en = 'three' order by id desc limit 1;
  delete from gh_ost_test where id > 4 order by id limit 1;
  delete from gh_ost_test where id <= 2004 order by id desc limit 1;
end ;;
