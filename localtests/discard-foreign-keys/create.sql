-- A child-side foreign key with --discard-foreign-keys: the migration goes
-- on and the ghost has no foreign key (after.sql fails if it has one).
drop table if exists gh_ost_test;
drop table if exists gh_ost_test_owner;
create table gh_ost_test_owner (
  id int not null,
  primary key (id)
) engine=innodb;

create table gh_ost_test (
  id int not null auto_increment,
  owner_id int not null,
  note varchar(20),
  primary key (id),
  key owner_idx (owner_id),
  constraint gh_ost_test_owner_fk foreign key (owner_id) references gh_ost_test_owner (id)
) engine=innodb;

insert into gh_ost_test_owner select seq from seq_1_to_10;
insert into gh_ost_test (owner_id, note) select 1 + seq % 10, concat('n', seq) from seq_1_to_2000;

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
  insert into gh_ost_test (owner_id, note) values (1 + second(now()) % 10, 'event');
  update gh_ost_test set owner_id = 1 + (owner_id % 10) where id % 50 = second(now());
  delete from gh_ost_test where id > 1 order by id limit 1;
end ;;
