-- decimal(10,2) -> decimal(14,4) and decimal(20,6) -> decimal(20,2) (the
-- narrower scale rounds half away from zero, for copy and applier alike).
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  widen decimal(10,2) not null,
  narrow decimal(20,6),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (widen, narrow) values
  (99999999.99, 99999999999999.994999), (-99999999.99, -99999999999999.995), (0, 0.005), (-0.01, -0.005), (0.5, null);
insert into gh_ost_test (widen, narrow) select (cast(seq as signed) - 1000) / 3, if(seq % 5 = 0, null, (cast(seq as signed) - 1000) * 1.000125) from seq_1_to_2000;

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
  insert into gh_ost_test (widen, narrow) values (-99999999.99, 0.004999), (0.01, -1.125), (1, null);
  update gh_ost_test set widen = -widen, narrow = if(narrow is null, -0.015, -narrow) where id in (1, 2, 3, 4, 5) or id % 60 = second(now());
  delete from gh_ost_test where id > 5 order by id limit 1;
  delete from gh_ost_test where id <= 2005 order by id desc limit 1;
end ;;
