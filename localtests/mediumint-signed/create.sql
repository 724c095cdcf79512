-- mediumint signed: the extreme values, in a NOT NULL and a nullable column, with
-- DML from the event while the table is migrated. 2000 filler rows (and
-- --nice-ratio in extra_args) make the row copy last a few event ticks.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  v mediumint not null,
  vn mediumint,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (v, vn) values
  (-8388608, 8388607), (8388607, -8388608), (0, null), (-1, 1), (-8388608 + 1, 8388607 - 1);
insert into gh_ost_test (v, vn)
  select if(seq % 2 = 0, 8388607 - cast(seq % 2000 as signed), -8388608 + cast(seq % 2000 as signed)),
         if(seq % 7 = 0, null, -cast(seq % 2000 as signed))
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
  insert into gh_ost_test (v, vn) values (-8388608, 8388607), (8388607, null), (-1, -8388608);
  update gh_ost_test set v = if(v = 8388607, -8388608, 8388607), vn = if(vn is null, -8388608, null) where id in (1, 2, 3);
  update gh_ost_test set v = -1 - v where id % 60 = second(now());
  update gh_ost_test set vn = 8388607 order by id desc limit 1;
  delete from gh_ost_test where id > 5 order by id limit 1;
  delete from gh_ost_test where id <= 2005 order by id desc limit 1;
end ;;
