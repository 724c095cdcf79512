drop table if exists gh_ost_test;
create table gh_ost_test (
  n int not null,
  label varchar(20),
  key n_idx (n)
) engine=innodb;

insert into gh_ost_test values (1, 'a'), (1, 'b'), (2, null);
