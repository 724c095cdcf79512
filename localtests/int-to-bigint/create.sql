-- int -> bigint: the int range ends and NULL; the event keeps writing the
-- extremes while the column is widened.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  v int not null,
  vn int,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (v, vn) values (-2147483648, 2147483647), (2147483647, -2147483648), (0, null), (-1, 1);
insert into gh_ost_test (v, vn)
  select 2147483647 - cast(seq as signed) * 1000003, if(seq % 5 = 0, null, -2147483648 + cast(seq as signed) * 999983)
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
  insert into gh_ost_test (v, vn) values (-2147483648, null), (2147483647, -2147483648), (-1, 2147483647);
  update gh_ost_test set v = -1 - v, vn = if(vn is null, -2147483648, null) where id in (1, 2, 3) or id % 60 = second(now());
  update gh_ost_test set vn = 2147483647 order by id desc limit 1;
  delete from gh_ost_test where id > 4 order by id limit 1;
  delete from gh_ost_test where id <= 2004 order by id desc limit 1;
end ;;
