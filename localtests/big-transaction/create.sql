-- Each event run changes hundreds of rows per statement (one transaction
-- split over several rows events in the binlog): an update of a tenth of
-- the table, an insert of 300 rows, and a delete of half of those.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  grp int not null,
  payload varchar(200) not null,
  counter int not null default 0,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (grp, payload) select seq % 10, repeat(md5(seq), 4) from seq_1_to_2000;

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
  update gh_ost_test set counter = counter + 1, payload = concat(left(payload, 190), second(now())) where grp = second(now()) % 10;
  insert into gh_ost_test (grp, payload) select 100 + second(now()), repeat(md5(rand()), 4) from seq_1_to_300;
  delete from gh_ost_test where grp >= 100 and id % 2 = 0;
end ;;
