-- bigint unsigned: 0 and the maximum 18446744073709551615 (whose top bit is set: a
-- decoder that reads it as signed gets a negative number), with DML from the
-- event during the migration.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  v bigint unsigned not null,
  vn bigint unsigned,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (v, vn) values
  (18446744073709551615, 0), (0, 18446744073709551615), (18446744073709551615 - 1, null), (1, 18446744073709551615 div 2 + 1), (18446744073709551615 div 2, 18446744073709551615 div 2);
insert into gh_ost_test (v, vn)
  select 18446744073709551615 - (seq % 2000), if(seq % 7 = 0, null, 18446744073709551615 div 2 + (seq % 2000))
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
  insert into gh_ost_test (v, vn) values (18446744073709551615, null), (0, 18446744073709551615), (18446744073709551615 div 2 + 1, 18446744073709551615 - 1);
  update gh_ost_test set v = if(v = 18446744073709551615, 0, 18446744073709551615), vn = if(vn is null, 18446744073709551615, null) where id in (1, 2, 3);
  update gh_ost_test set v = 18446744073709551615 - v where id % 60 = second(now());
  update gh_ost_test set vn = 18446744073709551615 order by id desc limit 1;
  delete from gh_ost_test where id > 5 order by id limit 1;
  delete from gh_ost_test where id <= 2005 order by id desc limit 1;
end ;;
