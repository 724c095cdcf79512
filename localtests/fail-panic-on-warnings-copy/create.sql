-- The ALTER adds a unique key that two rows violate: the copy's INSERT
-- IGNORE drops one of them with a duplicate-key warning on that key, which
-- --panic-on-warnings turns into a failure (execute mode: noop copies
-- nothing).
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  name varchar(64) not null,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (name) values ('John'), ('Ann'), ('John'), ('Bob');
