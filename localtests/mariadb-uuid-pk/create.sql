-- A MariaDB uuid column as the primary key (the row copy walks its range,
-- the applier matches rows by it), including the nil and max UUIDs; the
-- event inserts, updates rows, changes key values and deletes.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id uuid not null,
  n int not null,
  val varchar(20),
  primary key (id)
) engine=innodb;

insert into gh_ost_test values
  ('00000000-0000-0000-0000-000000000000', -1, 'nil'),
  ('ffffffff-ffff-ffff-ffff-ffffffffffff', -2, 'max'),
  ('12345678-0000-0000-0000-000000000000', -3, null),
  ('00000000-0000-0000-0000-000000000100', -4, 'low'),
  ('a0000000-0000-1000-8000-000000000000', -5, 'v1');
insert into gh_ost_test (id, n, val) select uuid(), seq, concat('v', seq) from seq_1_to_2000;

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
  insert into gh_ost_test (id, n, val) values (uuid(), 100000 + second(now()), 'event'), (uuid(), 200000 + second(now()), null);
  update gh_ost_test set val = if(val is null, 'back', null) where n < 0 or n % 60 = second(now());
  update gh_ost_test set id = uuid() where n > 0 and n <= 2000 and n % 97 = second(now());
  delete from gh_ost_test where n >= 100000 order by id limit 1;
  delete from gh_ost_test where n > 0 and n <= 2000 and n % 60 = (second(now()) + 30) % 60 order by id limit 1;
end ;;
