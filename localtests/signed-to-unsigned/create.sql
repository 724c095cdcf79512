-- Signed -> unsigned where every value is non-negative: int and bigint at
-- their signed maximum, smallint, and NULL.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  i int not null,
  b bigint,
  s smallint,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (i, b, s) values (2147483647, 9223372036854775807, 32767), (0, 0, 0), (1, null, null);
insert into gh_ost_test (i, b, s)
  select seq * 1000003, if(seq % 5 = 0, null, 9223372036854775807 - seq * 1000000007), seq % 32768
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
  insert into gh_ost_test (i, b, s) values (2147483647, 9223372036854775807, 32767), (0, null, 0), (second(now()), 1, null);
  update gh_ost_test set i = 2147483647 - i, b = if(b is null, 9223372036854775807, null) where id in (1, 2, 3) or id % 60 = second(now());
  update gh_ost_test set s = 32767 order by id desc limit 1;
  delete from gh_ost_test where id > 3 order by id limit 1;
  delete from gh_ost_test where id <= 2003 order by id desc limit 1;
end ;;
