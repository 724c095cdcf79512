-- After the copy, one INSERT of two rows (one binlog event) reaches the
-- ghost as a batch of two statements; the first duplicates an email under
-- the unique key the ALTER adds (test.sh, execute mode). --panic-on-warnings
-- fails the batch, rolls it back (the second row is not in the ghost) and
-- the migration with it.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  email varchar(64) not null,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (email) values ('alice@example.com'), ('bob@example.com'), ('carol@example.com');
