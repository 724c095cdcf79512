-- The copy of gh_ost_test_ai_ght would be named gh_ost_test_ai (suffix
-- removed), a name another table's trigger already has: trigger names are
-- unique per schema, so the migration is refused before anything is made.
drop table if exists gh_ost_test;
drop table if exists gh_ost_test_other;
create table gh_ost_test (
  id int not null auto_increment,
  n int not null,
  primary key (id)
) engine=innodb;
create table gh_ost_test_other (
  id int not null auto_increment,
  primary key (id)
) engine=innodb;

create trigger gh_ost_test_ai_ght after insert on gh_ost_test
  for each row set @x = new.n;
create trigger gh_ost_test_bi before insert on gh_ost_test
  for each row set new.n = new.n + 0;
create trigger gh_ost_test_ai after insert on gh_ost_test_other
  for each row set @y = new.id;

insert into gh_ost_test (n) values (1), (2), (3);
