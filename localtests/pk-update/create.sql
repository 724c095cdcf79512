-- Updates that change the primary key: rows not yet copied move to keys
-- above the current maximum, so above the copy's upper bound (only the
-- applier can bring them to the ghost), copied rows move down below zero,
-- and moved rows are updated again under their new key.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null,
  val varchar(20) not null,
  n int,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (id, val, n) select seq, concat('v', seq), seq from seq_1_to_2000;

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
  set @top = (select max(id) from gh_ost_test);
  update gh_ost_test set id = @top + 1, val = concat(val, '^') where id > 0 and id <= 2000 order by id desc limit 1;
  update gh_ost_test set id = @top + 2, val = concat(val, '^') where id > 0 and id <= 2000 order by id desc limit 1;
  update gh_ost_test set n = -n where id > 2000 order by id limit 1;
  update gh_ost_test set id = -id, val = concat(val, 'v') where id > 0 and id <= 2000 order by id limit 1;
  update gh_ost_test set n = coalesce(n, 0) + 1 where id < 0 order by id desc limit 1;
  update gh_ost_test set id = id + 2000 where id between 1000 and 1010 and id % 60 = second(now());
end ;;
