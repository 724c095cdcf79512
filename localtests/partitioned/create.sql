-- A range-partitioned table: the ghost is created like the original (with
-- its partitions); the event moves rows between partitions by updating the
-- partitioning column, and writes to every partition.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  region int not null,
  val varchar(20),
  primary key (id, region)
) engine=innodb
partition by range (region) (
  partition p0 values less than (10),
  partition p1 values less than (20),
  partition p2 values less than (30),
  partition pmax values less than maxvalue
);

insert into gh_ost_test (region, val) values (0, 'p0'), (15, 'p1'), (25, 'p2'), (1000000, 'pmax');
insert into gh_ost_test (region, val) select seq % 40, concat('v', seq) from seq_1_to_2000;

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
  insert into gh_ost_test (region, val) values (second(now()) % 40, 'event'), (5, null), (99, 'max');
  update gh_ost_test set region = (region + 10) % 40 where id in (1, 2, 3) or id % 60 = second(now());
  update gh_ost_test set val = 'last' order by id desc limit 1;
  delete from gh_ost_test where id > 4 order by id limit 1;
  delete from gh_ost_test where id <= 2004 order by id desc limit 1;
end ;;
