-- --attempt-instant-ddl with --test-on-replica (execute mode): the INSTANT
-- ALTER is not tried, since it would change the replica's table for good;
-- the usual migration runs and swaps back. In noop mode it is not tried
-- either.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  i int not null,
  color varchar(32),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (i, color) select seq, elt(1 + seq % 3, 'red', 'green', 'blue') from seq_1_to_2000;

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
  insert into gh_ost_test (i, color) values (second(now()), 'gray');
  update gh_ost_test set color = 'white' where i % 60 = second(now());
end ;;
