-- Drop two columns (one in the middle, one at the end) while the event keeps
-- writing them: the applier must leave out what the ghost no longer has.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  keep1 int not null,
  gone1 varchar(40) not null,
  keep2 varchar(20),
  gone2 blob,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (keep1, gone1, keep2, gone2) values (1, 'x', 'a', 'blob'), (2, '', null, null), (-3, 'é', 'ü', unhex('00'));
insert into gh_ost_test (keep1, gone1, keep2, gone2) select seq, repeat('g', seq % 40), concat('k', seq), unhex(md5(seq)) from seq_1_to_2000;

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
  insert into gh_ost_test (keep1, gone1, keep2, gone2) values (second(now()), 'drop me', 'keep me', repeat('z', 1000)), (0, '', null, null);
  update gh_ost_test set gone1 = concat(gone1, '+'), keep2 = if(keep2 is null, 'back', null) where id in (1, 2, 3);
  update gh_ost_test set gone2 = null, keep1 = -keep1 where id % 60 = second(now());
  update gh_ost_test set gone1 = 'only a dropped column changes' order by id desc limit 1;
  delete from gh_ost_test where id > 3 order by id limit 1;
  delete from gh_ost_test where id <= 2003 order by id desc limit 1;
end ;;
