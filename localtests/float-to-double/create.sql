-- float -> double: the server widens a float to the double with the same
-- binary value (0.1 becomes 0.10000000149011612), which is what the row
-- copy writes; the applier has to write that same double, not the float's
-- short decimal text.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  f float not null,
  fn float,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (f, fn) values (0.1, 0.2), (3.40282e38, -1.17549e-38), (1e-45, null), (16777217, 0.333333), (-0.0, 1.5);
insert into gh_ost_test (f, fn) select seq / 10, if(seq % 4 = 0, null, 1 / seq) from seq_1_to_2000;

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
  insert into gh_ost_test (f, fn) values (0.1, 0.7), (1 / 3, null), (123456.789, 2.2);
  update gh_ost_test set f = f + 0.1, fn = if(fn is null, 0.3, null) where id in (1, 3, 4) or id % 60 = second(now());
  delete from gh_ost_test where id > 5 order by id limit 1;
  delete from gh_ost_test where id <= 2005 order by id desc limit 1;
end ;;
