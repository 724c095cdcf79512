-- int unsigned -> bigint (signed): values above 2147483647 have the int's
-- top bit set; read as signed they would turn negative in the wider column.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  v int unsigned not null,
  vn int unsigned,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (v, vn) values (4294967295, 0), (0, 4294967295), (2147483648, null), (2147483647, 2147483648);
insert into gh_ost_test (v, vn)
  select 4294967295 - seq * 1000003, if(seq % 5 = 0, null, 2147483648 + seq * 999983)
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
  insert into gh_ost_test (v, vn) values (4294967295, null), (2147483648, 4294967295), (0, 3000000000);
  update gh_ost_test set v = 4294967295 - v, vn = if(vn is null, 4294967295, null) where id in (1, 2, 3) or id % 60 = second(now());
  update gh_ost_test set vn = 4294967294 order by id desc limit 1;
  delete from gh_ost_test where id > 4 order by id limit 1;
  delete from gh_ost_test where id <= 2004 order by id desc limit 1;
end ;;
