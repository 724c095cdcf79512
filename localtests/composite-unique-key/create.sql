-- No primary key: the only unique key is a composite (int, varchar), which
-- the row copy walks and the applier matches on. The event also updates the
-- key columns themselves.
drop table if exists gh_ost_test;
create table gh_ost_test (
  grp int not null,
  name varchar(30) not null,
  val int,
  note varchar(20),
  unique key grp_name_uidx (grp, name)
) engine=innodb default charset=utf8mb4;

insert into gh_ost_test values (-2147483648, '', 1, 'min'), (0, 'ä', null, null), (0, 'b', 2, 'x'), (2147483647, '🚀', 3, 'max');
insert into gh_ost_test (grp, name, val, note) select seq % 50, concat('n', seq), seq, if(seq % 3 = 0, null, 'f') from seq_1_to_2000;

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
  insert into gh_ost_test (grp, name, val, note) values (1000, concat('e', unix_timestamp(now(6))), second(now()), 'event');
  update gh_ost_test set val = if(val is null, 9, null), note = 'upd' where grp = 0 or (grp = second(now()) % 50 and val % 7 = 0);
  update gh_ost_test set name = concat(name, '~') where grp = 2147483647 or (grp = (second(now()) + 1) % 50 and val % 11 = 0);
  update gh_ost_test set grp = grp + 100 where grp between 1 and 49 and val % 60 = second(now());
  delete from gh_ost_test where grp = 1000 order by name limit 1;
  delete from gh_ost_test where grp = 25 order by name desc limit 1;
end ;;
