-- decimal: the widest decimal(65,30) at both ends, negative values, values
-- whose integer or fraction part is all zeros, and narrower precisions (the
-- binlog packs each in groups of 9 digits, the sign inverting the bits).
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  d65 decimal(65,30) not null,
  d10 decimal(10,2),
  d5 decimal(5,0),
  du decimal(20,10) unsigned,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (d65, d10, d5, du) values
  (99999999999999999999999999999999999.999999999999999999999999999999, 99999999.99, 99999, 9999999999.9999999999),
  (-99999999999999999999999999999999999.999999999999999999999999999999, -99999999.99, -99999, 0),
  (0, 0, 0, null),
  (-0.000000000000000000000000000001, -0.01, -1, 0.0000000001),
  (0.000000000000000000000000000001, 0.01, 1, 1),
  (-123456789.123456789, -1234.5, -12345, 123456789.987654321),
  (1000000000, -0.5, null, 1000000000),
  (-1, null, 0, null);
insert into gh_ost_test (d65, d10, d5, du)
  select (cast(seq as signed) - 1000) * 1234567.000000000000000000000000000987,
         if(seq % 3 = 0, null, (cast(seq as signed) - 1000) / 7),
         cast(seq as signed) - 1000,
         seq / 3
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
  insert into gh_ost_test (d65, d10, d5, du) values
    (-99999999999999999999999999999999999.999999999999999999999999999999, -99999999.99, -99999, 9999999999.9999999999),
    (-0.000000000000000000000000000001, null, 0, 0.0000000001),
    (-987654321.000000000000000000000000000001, -0.01, -1, null);
  update gh_ost_test set d65 = -d65, d10 = -d10, d5 = -d5 where id in (1, 2, 4, 6);
  update gh_ost_test set d65 = d65 - 0.000000000000000000000000000001, du = if(du is null, 0.5, null) where id % 60 = second(now());
  update gh_ost_test set d10 = -99999999.99 order by id desc limit 1;
  delete from gh_ost_test where id > 8 order by id limit 1;
  delete from gh_ost_test where id <= 2008 order by id desc limit 1;
end ;;
