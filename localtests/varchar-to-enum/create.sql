-- varchar -> enum: every value is a member of the new enum (in a different
-- case for some, which the enum's collation matches).
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  v varchar(20) not null,
  vn varchar(10) null,
  primary key (id)
) engine=innodb default charset=utf8mb4;

insert into gh_ost_test (v, vn) values ('zulu', 'one'), ('alpha', null), ('día', 'three'), ('x y', 'two'), ('MIKE', 'One');
insert into gh_ost_test (v, vn)
  select elt(1 + seq % 5, 'zulu', 'alpha', 'mike', 'x y', 'día'), if(seq % 4 = 0, null, elt(1 + seq % 3, 'one', 'two', 'three'))
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
  insert into gh_ost_test (v, vn) values ('día', null), ('Alpha', 'three'), ('zulu', 'TWO');
  update gh_ost_test set v = if(v = 'zulu', 'x y', 'zulu'), vn = if(vn is null, 'one', null) where id in (1, 2, 3);
  update gh_ost_test set v = elt(1 + (second(now()) + 2) % 5, 'zulu', 'alpha', 'mike', 'x y', 'día') where id % 60 = second(now());
  update gh_ost_test set vn = 'three' order by id desc limit 1;
  delete from gh_ost_test where id > 5 order by id limit 1;
  delete from gh_ost_test where id <= 2005 order by id desc limit 1;
end ;;
