-- decimal precisions whose digit groups fill exactly 9 digits, or have no
-- integer part, or no fraction: decimal(9,0), decimal(18,9), decimal(10,10),
-- decimal(27,0), decimal(1,1), decimal(38,19), at both ends and around zero.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  d9 decimal(9,0) not null,
  d18 decimal(18,9),
  d1010 decimal(10,10),
  d27 decimal(27,0),
  d11 decimal(1,1),
  d38 decimal(38,19),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (d9, d18, d1010, d27, d11, d38) values
  (999999999, 999999999.999999999, 0.9999999999, 999999999999999999999999999, 0.9, 9999999999999999999.9999999999999999999),
  (-999999999, -999999999.999999999, -0.9999999999, -999999999999999999999999999, -0.9, -9999999999999999999.9999999999999999999),
  (0, 0, 0, 0, 0, 0),
  (-1, -0.000000001, -0.0000000001, -1, -0.1, -0.0000000000000000001),
  (1, 0.000000001, 0.0000000001, 1, 0.1, 0.0000000000000000001),
  (100000000, 100000000.000000000, 0.5, 100000000000000000000000000, null, null),
  (-100000000, -1, null, -100000000000000000000000000, 0, -1000000000000000000);
insert into gh_ost_test (d9, d18, d1010, d27, d11, d38)
  select cast(seq as signed) * 499999 - 500000000, (cast(seq as signed) - 1000) * 999999.000000001,
         if(seq % 3 = 0, null, -cast(seq as signed) / 10000), (cast(seq as signed) - 1000) * 999999999999999999999999,
         (cast(seq % 19 as signed) - 9) / 10, (cast(seq as signed) - 1000) * 1000000000000000.0000000000000000001
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
  insert into gh_ost_test (d9, d18, d1010, d27, d11, d38) values
    (-999999999, 999999999.999999999, -0.9999999999, 999999999999999999999999999, -0.9, -9999999999999999999.9999999999999999999),
    (0, -0.000000001, null, -1, 0.1, 0.0000000000000000001),
    (123456789, -123456789.123456789, 0.0123456789, -123456789012345678901234567, null, 1234567890123456789.1234567890123456789);
  update gh_ost_test set d9 = -d9, d18 = -d18, d1010 = -d1010, d27 = -d27, d11 = -d11, d38 = -d38 where id in (1, 2, 4, 5, 6) or id % 60 = second(now());
  update gh_ost_test set d1010 = if(d1010 is null, -0.0000000001, null) order by id desc limit 1;
  delete from gh_ost_test where id > 7 order by id limit 1;
  delete from gh_ost_test where id <= 2007 order by id desc limit 1;
end ;;
