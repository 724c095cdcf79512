-- float and double: the largest and smallest magnitudes, negative zero,
-- values that are not exact in binary, and float(M,D)/double(M,D).
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  f float not null,
  d double,
  fm float(10,4),
  dm double(20,6),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (f, d, fm, dm) values
  (3.40282e38, 1.7976931348623157e308, 99999.99, 99999999999999.999999),
  (-3.40282e38, -1.7976931348623157e308, -99999.99, -99999999999999.999999),
  (1.17549e-38, 2.2250738585072014e-308, 0.0001, 0.000001),
  (-1.17549e-38, -2.2250738585072014e-308, -0.0001, -0.000001),
  (0, 0, 0, 0),
  (-0.0, -0.0, null, null),
  (0.1, 0.1, 0.1, 0.1),
  (1e-45, 5e-324, 1.5, 2.5),
  (16777217, 9007199254740993, 123.4567, 12345.678901),
  (3.14159265, 3.141592653589793, 3.1416, 3.141593);
insert into gh_ost_test (f, d, fm, dm)
  select (cast(seq as signed) - 1000) / 3, if(seq % 5 = 0, null, (cast(seq as signed) - 1000) * 1e300 / 7),
         seq / 7, (cast(seq as signed) - 1000) / 9
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
  insert into gh_ost_test (f, d, fm, dm) values
    (-3.40282e38, 1.7976931348623157e308, -0.0001, null),
    (0.1, -0.1, 0.1, -0.1),
    (1e-45, -5e-324, null, 99999999999999.999999);
  update gh_ost_test set f = -f, d = -d, fm = -fm, dm = -dm where id in (1, 3, 6, 7, 9);
  update gh_ost_test set f = -f, d = if(d is null, 1e-300, null) where id % 60 = second(now());
  update gh_ost_test set d = 2.2250738585072014e-308 order by id desc limit 1;
  delete from gh_ost_test where id > 10 order by id limit 1;
  delete from gh_ost_test where id <= 2010 order by id desc limit 1;
end ;;
