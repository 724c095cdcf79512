drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  amount int not null,
  memo varchar(32),
  primary key (id)
) engine=innodb;

insert into gh_ost_test (amount, memo) values (1, 'one'), (2, 'two'), (3, null);
