-- The ALTER makes the ghost a MEMORY table, whose engine cannot analyze:
-- the ANALYZE before the cut-over reports no status OK, and the migration
-- fails rather than swapping (execute mode only: noop never cuts over).
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  color varchar(16) not null,
  n int not null,
  primary key (id),
  key color_idx (color)
) engine=innodb;

insert into gh_ost_test (color, n) select elt(1 + seq % 3, 'red', 'green', 'blue'), seq from seq_1_to_2000;

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
  insert into gh_ost_test (color, n) values ('red', second(now())), ('gray', 0);
  update gh_ost_test set color = 'gray' where n % 60 = second(now());
end ;;
