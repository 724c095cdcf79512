-- tinyint signed: the extreme values, in a NOT NULL and a nullable column, with
-- DML from the event while the table is migrated. 2000 filler rows (and
-- --nice-ratio in extra_args) make the row copy last a few event ticks.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  v tinyint not null,
  vn tinyint,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (v, vn) values
  (-128, 127), (127, -128), (0, null), (-1, 1), (-128 + 1, 127 - 1);
insert into gh_ost_test (v, vn)
  select if(seq % 2 = 0, 127 - cast(seq % 100 as signed), -128 + cast(seq % 100 as signed)),
         if(seq % 7 = 0, null, -cast(seq % 100 as signed))
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
  insert into gh_ost_test (v, vn) values (-128, 127), (127, null), (-1, -128);
  update gh_ost_test set v = if(v = 127, -128, 127), vn = if(vn is null, -128, null) where id in (1, 2, 3);
  update gh_ost_test set v = -1 - v where id % 60 = second(now());
  update gh_ost_test set vn = 127 order by id desc limit 1;
  delete from gh_ost_test where id > 5 order by id limit 1;
  delete from gh_ost_test where id <= 2005 order by id desc limit 1;
end ;;
